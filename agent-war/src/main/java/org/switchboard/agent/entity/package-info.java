/**
 * What an agent deals in: the catalog's {@link org.switchboard.agent.entity.Application}s (each of a
 * {@link org.switchboard.agent.entity.Kind}) and the {@link org.switchboard.agent.entity.Program}s running for sessions.
 * <p>
 * Out of scope: how a catalog is read, how a program is started and made ready (package {@code control}), HTTP.
 */
package org.switchboard.agent.entity;
