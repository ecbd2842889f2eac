/**
 * The messages master, slaves and agents exchange over REST/JSON, as plain records named after the patent's messages:
 * an agent's {@link org.switchboard.protocol.ServerRegistration} and {@link org.switchboard.protocol.LoadReport}, the
 * master's {@link org.switchboard.protocol.LaunchInstruction} and the agent's answer
 * {@link org.switchboard.protocol.LaunchNotification} (process id and endpoint), and
 * {@link org.switchboard.protocol.ProgramExit}. {@link org.switchboard.protocol.SharedSecret} authenticates these calls.
 * <p>
 * Plain Java only: both the master and the agents depend on this package, and neither on the other.
 */
package org.switchboard.protocol;
