package dev.eventviews.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

import dev.eventviews.read.ThisInstance;

/** Names this instance on every view read it answered itself (forwarded answers carry their own instance). */
@Provider
public class AnsweredByFilter implements ContainerResponseFilter {

    @Inject
    ThisInstance self;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getUriInfo().getPath().startsWith("/store/")
                && !response.getHeaders().containsKey(Headers.ANSWERED_BY)) {
            response.getHeaders().putSingle(Headers.ANSWERED_BY, self.address());
        }
    }
}
