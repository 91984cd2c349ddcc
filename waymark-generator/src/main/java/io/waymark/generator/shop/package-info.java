/** The simulated shop: its product catalogue and its pages. */
package io.waymark.generator.shop;
