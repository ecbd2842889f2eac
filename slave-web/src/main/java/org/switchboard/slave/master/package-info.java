/**
 * The slave's line to its master: {@link org.switchboard.slave.master.MasterLine} decides, from configuration, whether
 * the slave talks to the master deployed with it (in process) or to a master elsewhere
 * ({@link org.switchboard.slave.master.RemoteMaster}, over REST with the shared secret).
 */
package org.switchboard.slave.master;
