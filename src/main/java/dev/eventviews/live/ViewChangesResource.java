package dev.eventviews.live;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.smallrye.mutiny.Multi;

/**
 * Live views: every change to a view, on any instance, as a Server-Sent Event. A client subscribes, then loads the
 * view, then applies the changes; after a reconnect it loads the view again, since missed changes are not replayed.
 */
@Path("/store/changes")
@Tag(name = "views")
public class ViewChangesResource {

    @Inject
    ViewChanges changes;

    @GET
    @Path("/{view}")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Changes to a view as they happen (Server-Sent Events of {key, value}; value null when the "
            + "key leaves the view)")
    public Multi<ViewChange> changes(@PathParam("view") String view) {
        return changes.subscribe(view)
                .orElseThrow(() -> new NotFoundException("There is no view named '" + view + "'"));
    }
}
