package org.switchboard.slave;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Lets pages served by one slave use the API of another: a redirect may send a browser's request to a different
 * slave, whose answer the page must be able to read. Any origin may call, because the API grants nothing by
 * ambient credentials (no cookies): a session is reached only with the token its owner holds.
 */
public class CrossOrigin implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getHeaderString("Origin") == null) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Access-Control-Allow-Origin", "*");
        headers.putSingle("Access-Control-Expose-Headers", "Location, Retry-After");
        if ("OPTIONS".equals(request.getMethod())) {
            headers.putSingle("Access-Control-Allow-Methods", "GET, POST, DELETE");
            headers.putSingle("Access-Control-Allow-Headers", "Content-Type, Authorization");
            headers.putSingle("Access-Control-Max-Age", "600");
        }
    }
}
