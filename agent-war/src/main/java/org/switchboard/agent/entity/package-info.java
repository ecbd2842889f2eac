/**
 * What an agent deals in: the catalog's {@link org.switchboard.agent.entity.Application}s (each of a
 * {@link org.switchboard.agent.entity.Kind}, with its {@link org.switchboard.agent.entity.Readiness} and
 * {@link org.switchboard.agent.entity.Limits}), the {@link org.switchboard.agent.entity.Program}s running for sessions
 * and why they ended ({@link org.switchboard.agent.entity.EndReason}), and a program's processes, ended together
 * ({@link org.switchboard.agent.entity.ProcessGroup}).
 * <p>
 * Out of scope: how a catalog is read, how a program is started and made ready (package {@code control}), HTTP.
 */
package org.switchboard.agent.entity;
