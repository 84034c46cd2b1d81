package dev.eventviews.http;

import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A Content-Type that is not a media type at all ({@code json}, {@code a/b, c/d}) is a 415 like any unsupported
 * one. Without this check, matching it against an endpoint that consumes several types fails inside RESTEasy.
 */
public class ContentTypeFilter {

    @ServerRequestFilter(preMatching = true)
    public Response rejectMalformed(ContainerRequestContext request) {
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType == null) {
            return null;
        }
        try {
            MediaType.valueOf(contentType);
            return null;
        } catch (IllegalArgumentException malformed) {
            return Response.status(415).type(Problem.MEDIA_TYPE)
                    .entity(new Problem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type", 415,
                            "The Content-Type header is not a media type", request.getUriInfo().getPath(), List.of()))
                    .build();
        }
    }
}
