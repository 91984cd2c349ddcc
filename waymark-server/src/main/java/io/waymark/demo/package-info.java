/** Demo mode: the demo shop page's configuration, with a key of its own (off unless enabled). */
package io.waymark.demo;
