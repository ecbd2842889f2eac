/**
 * The public sessions API (the slave's role, patent Fig. 3-6): a client asks for an application and gets a running
 * program, its process id and endpoint, and a relay URL, or a clear error.
 */
package org.switchboard.slave.sessions;
