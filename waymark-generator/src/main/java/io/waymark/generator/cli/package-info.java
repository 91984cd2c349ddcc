/** A tiny command-line option parser shared by the commands. */
package io.waymark.generator.cli;
