/**
 * What an agent does, in plain Java that tests create with {@code new}: reading and checking the application
 * {@link org.switchboard.agent.control.Catalog}, checking a {@link org.switchboard.agent.control.LaunchOrder}, starting
 * a program and waiting until it is ready ({@link org.switchboard.agent.control.Launcher}), bridging a stdio program to
 * its client ({@link org.switchboard.agent.control.StdioBridge}), keeping track of running and pooled programs
 * ({@link org.switchboard.agent.control.ProgramRegistry}, {@link org.switchboard.agent.control.WarmPool}), ending those
 * nobody connected to or past their lifetime ({@link org.switchboard.agent.control.LifetimeGuard}), and telling the
 * master about this server ({@link org.switchboard.agent.control.MasterClient},
 * {@link org.switchboard.agent.control.LoadReporter}).
 * <p>
 * Out of scope: HTTP status codes, configuration lookup and container resources; the shells in {@code boundary} hand
 * those in as plain values (threads as an {@link java.util.concurrent.Executor}, time as a
 * {@link java.time.Clock}).
 */
package org.switchboard.agent.control;
