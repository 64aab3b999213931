/**
 * The command line of every socketlab {@code main}: picocli options objects parsed by
 * {@link org.socketlab.tcp.cli.Cli}, with one error format and fixed exit codes (0 ok, 1 failed with
 * an explained error, 2 usage error).
 *
 * <p>Concurrency: {@link org.socketlab.tcp.cli.Cli#parse} is called once, from {@code main}.
 */
package org.socketlab.tcp.cli;
