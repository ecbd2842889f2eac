package org.switchboard.slave.relay;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.switchboard.protocol.LoadBalancingMaster;
import org.switchboard.protocol.Refusal;
import org.switchboard.slave.master.ToMaster;

/**
 * Answers relay requests without the session's token, or for unknown or ended sessions, with a plain HTTP error
 * before any WebSocket upgrade, so clients learn why. A request with the token of a session this slave holds a
 * prepared link for ({@link Arrivals}) needs no question to the master: the master named that token's hash itself, and
 * only the client it opened the session for holds the token.
 */
@WebFilter("/relay/*")
public class RelayAccessFilter extends HttpFilter {

    @Inject
    @ToMaster
    LoadBalancingMaster master;
    @Inject
    Arrivals arrivals;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = request.getRequestURI().substring(request.getRequestURI().lastIndexOf('/') + 1);
        String token = request.getParameter("token");
        try {
            if (!arrivals.holds(id, token)) {
                master.relayTarget(id, token);
            }
        } catch (Refusal refusal) {
            refuse(response, refusal.status(), refusal.body().error(), refusal.getMessage());
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, int status, String error, String reason)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":\"" + error + "\",\"reason\":\"" + reason.replace("\"", "'") + "\"}");
    }
}
