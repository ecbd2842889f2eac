/**
 * The HTTP side of the contract: how refusals and errors look on the wire, shared by the master's and the slaves'
 * REST APIs. Needs only the Jakarta REST and JSON-B APIs, which the server provides.
 */
package org.switchboard.protocol.http;
