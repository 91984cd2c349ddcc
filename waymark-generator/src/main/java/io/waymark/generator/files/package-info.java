/** The files command: the four consistent bulk files an importer reads. */
package io.waymark.generator.files;
