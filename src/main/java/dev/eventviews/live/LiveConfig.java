package dev.eventviews.live;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the live change feed treats its subscribers. */
@ConfigMapping(prefix = "eventviews.live")
public interface LiveConfig {

    /**
     * Changes held for one subscriber that reads more slowly than the views change. A subscriber that falls further
     * behind is disconnected (a browser reconnects and reloads the view) so that it never holds up the others.
     */
    @WithDefault("256")
    int clientBuffer();
}
