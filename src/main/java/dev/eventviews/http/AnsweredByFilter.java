package dev.eventviews.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

import dev.eventviews.read.ThisInstance;

/**
 * Names this instance on every read it answered itself (forwarded answers carry their own instance): the view reads
 * under {@code /store}, and the entity histories, which are the GETs under {@code /events}.
 */
@Provider
public class AnsweredByFilter implements ContainerResponseFilter {

    @Inject
    ThisInstance self;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        boolean read = path.startsWith("/store/") || HttpMethod.GET.equals(request.getMethod())
                && path.startsWith("/events/");
        if (read && !response.getHeaders().containsKey(Headers.ANSWERED_BY)) {
            response.getHeaders().putSingle(Headers.ANSWERED_BY, self.address());
        }
    }
}
