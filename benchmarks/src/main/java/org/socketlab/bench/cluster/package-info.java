/**
 * Scale-out benchmark (issue 23): broadcast throughput of one chat room on one process without
 * Redis, one node with Redis, and three nodes sharing the room through Redis — same run, same
 * clients. Single-threaded driver; each client's messages are counted on its reader thread.
 */
package org.socketlab.bench.cluster;
