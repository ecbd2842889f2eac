/**
 * Where agents reach the master: registration, load reports and program exits (patent: processing servers report
 * their load "from time to time"). Every call must carry the shared secret ({@link org.switchboard.web.SecretRequired}).
 */
package org.switchboard.web.fleet;
