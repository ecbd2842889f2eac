package org.switchboard.master.control;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.switchboard.fleet.entity.LoadRecord;
import org.switchboard.fleet.entity.ProcessingServer;
import org.switchboard.history.entity.ClientRequest;
import org.switchboard.protocol.ServerRegistration;
import org.switchboard.sessions.entity.ProgramSession;
import org.switchboard.sessions.entity.SessionState;

/**
 * The master's durable record: servers, load reports, request history and sessions, each write its own transaction.
 * History and load reports come in batches from a {@link WriteBehind}; sessions are written with their placement's
 * history entry before the client hears of them.
 */
@Stateless
public class Ledger {

    @PersistenceContext(unitName = "switchboard")
    EntityManager em;
    @Resource
    SessionContext context;

    public void registered(ServerRegistration registration, Instant at) {
        ProcessingServer server = em.find(ProcessingServer.class, registration.server());
        if (server == null) {
            em.persist(new ProcessingServer(registration.server(), registration.agentUrl(), registration.location(),
                    registration.capacity(), registration.applications(), at));
        } else {
            server.register(registration.agentUrl(), registration.location(), registration.capacity(),
                    registration.applications(), at);
        }
    }

    /**
     * Writes records that need not be written before the master answers — request history and load reports — in one
     * transaction (see {@link WriteBehind}).
     */
    public void record(List<?> records) {
        for (Object record : records) {
            if (record instanceof LoadRecord load) {
                ProcessingServer server = em.find(ProcessingServer.class, load.getServer());
                if (server != null) {
                    server.reported(load.getReportedAt());
                }
            }
            em.persist(record);
        }
    }

    public void markedDown(List<String> servers) {
        servers.stream().map(name -> em.find(ProcessingServer.class, name))
                .filter(Objects::nonNull).forEach(ProcessingServer::markDown);
    }

    /** A session and its placement in the request history, in one transaction. */
    public void opened(ProgramSession session, ClientRequest placement) {
        em.persist(session);
        em.persist(placement);
    }

    /**
     * Writes the sessions and placements of rehearsed decisions as {@link #opened} would, and rolls the transaction
     * back: nothing is kept. A member of a master group that does not decide rehearses the writes of its future
     * decisions with it (see {@link SelectionFlow#rehearse}). A transaction of its own, whatever the caller's: the
     * rollback must not take the caller's work with it (the master's timer runs in one).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void rehearse(List<ProgramSession> sessions, List<ClientRequest> placements) {
        sessions.forEach(em::persist);
        placements.forEach(em::persist);
        em.flush();
        context.setRollbackOnly();
    }

    /** Ends a running session; the session when this call ended it, empty when it was unknown or had ended already. */
    public Optional<ProgramSession> end(String id, String reason, Instant at) {
        ProgramSession session = em.find(ProgramSession.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (session == null || !session.isRunning()) {
            return Optional.empty();
        }
        session.end(reason, at);
        return Optional.of(session);
    }

    /**
     * Ends the running sessions among {@code reasons}' keys, each with its reason; answers the sessions this call ended.
     * Their rows are locked in the order of their ids, so that members of a master group ending the same sessions at
     * once wait for each other instead of deadlocking.
     */
    public List<ProgramSession> endAll(Map<String, String> reasons, Instant at) {
        List<ProgramSession> running = em.createQuery(
                        "select s from ProgramSession s where s.id in :ids and s.state = :state order by s.id",
                        ProgramSession.class).setParameter("ids", reasons.keySet())
                .setParameter("state", SessionState.RUNNING).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        List<ProgramSession> ended = new ArrayList<>();
        for (ProgramSession session : running) {
            if (session.isRunning()) {
                session.end(reasons.get(session.getId()), at);
                ended.add(session);
            }
        }
        return ended;
    }

    /** Which of {@code ids} are sessions recorded here. */
    public Set<String> recorded(Collection<String> ids) {
        return Set.copyOf(em.createQuery("select s.id from ProgramSession s where s.id in :ids", String.class)
                .setParameter("ids", ids).getResultList());
    }

    /** Ends every running session on {@code server}; answers the sessions this call ended. */
    public List<ProgramSession> endRunningOn(String server, String reason, Instant at) {
        List<ProgramSession> running = em.createQuery(
                        "select s from ProgramSession s where s.server = :server and s.state = :state",
                        ProgramSession.class).setParameter("server", server)
                .setParameter("state", SessionState.RUNNING).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        running.forEach(session -> session.end(reason, at));
        return running;
    }

    public Optional<ProgramSession> session(String id) {
        return Optional.ofNullable(em.find(ProgramSession.class, id));
    }

    public List<ProgramSession> runningSessions() {
        return em.createQuery("select s from ProgramSession s where s.state = :state order by s.createdMillis",
                ProgramSession.class).setParameter("state", SessionState.RUNNING).getResultList();
    }

    public List<ProgramSession> sessions(int limit) {
        return em.createQuery("select s from ProgramSession s order by s.createdMillis desc", ProgramSession.class)
                .setMaxResults(limit).getResultList();
    }

    public List<ClientRequest> history(int limit) {
        return em.createQuery("select r from ClientRequest r order by r.id desc", ClientRequest.class)
                .setMaxResults(limit).getResultList();
    }

    public List<ProcessingServer> servers() {
        return em.createQuery("select s from ProcessingServer s order by s.name", ProcessingServer.class)
                .getResultList();
    }
}
