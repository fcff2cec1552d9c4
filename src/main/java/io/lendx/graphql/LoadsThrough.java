package io.lendx.graphql;

/**
 * A fetcher that loads its value through a projected loader without an environment of its own:
 * the engine's object completion tells that loader what the field selects, once per place in
 * the document ({@link SelectionTracking}).
 */
public interface LoadsThrough {

    String loader();
}
