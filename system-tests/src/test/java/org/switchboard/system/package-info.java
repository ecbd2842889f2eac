/**
 * End-to-end tests: the balancer and agents run as separate Payara processes bound to 127.0.0.1, launching real
 * programs; tests speak only the public API, the WebSocket relay and the agents' own endpoints. Every process a test
 * starts is stopped by PID when it ends, even when it fails.
 */
package org.switchboard.system;
