/** Report output: markdown tables of ratios, XChart PNGs, machine description. Single-threaded. */
package org.socketlab.bench.report;
