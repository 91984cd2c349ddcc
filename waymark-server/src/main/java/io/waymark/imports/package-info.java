/** Imports: bulk files (clickstream, transactions, catalogue, support tickets) loaded as jobs. */
package io.waymark.imports;
