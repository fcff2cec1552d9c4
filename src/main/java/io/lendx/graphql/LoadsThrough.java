package io.lendx.graphql;

import org.dataloader.DataLoaderRegistry;

/**
 * A fetcher that loads its value through a projected loader without an environment of its own:
 * the engine's object completion tells that loader what the field selects, once per place in
 * the document ({@link SelectionTracking}).
 */
public interface LoadsThrough {

    String loader();

    /**
     * The field's value for {@code source} from the request's {@code loaders}: null, the object
     * itself when the loader already has it, or a future of it.
     */
    Object load(Object source, DataLoaderRegistry loaders);
}
