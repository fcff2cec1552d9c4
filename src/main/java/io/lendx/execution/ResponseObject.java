package io.lendx.execution;

import graphql.execution.ResponseMapFactory;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One object of a GraphQL result: its keys (shared by every object at that place in the
 * document) and its values, in two arrays. graphql-java's default builds a {@code LinkedHashMap}
 * per object, an entry per field; a front page has 1,200 objects and 11,000 fields, and the
 * JSON writer reads these arrays directly ({@code JsonBody}). Read-only, like any result.
 */
public final class ResponseObject extends AbstractMap<String, Object> {

    /** Makes every object of a request's result one of these. */
    static final ResponseMapFactory FACTORY = (keys, values) -> new ResponseObject(keys, values.toArray());

    private final List<String> keys;
    private final Object[] values;

    ResponseObject(List<String> keys, Object[] values) {
        if (keys.size() != values.length) {
            throw new IllegalArgumentException("keys and values differ in number");
        }
        this.keys = keys;
        this.values = values;
    }

    public int fieldCount() {
        return values.length;
    }

    public String key(int index) {
        return keys.get(index);
    }

    public Object value(int index) {
        return values[index];
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return keys.contains(key);
    }

    @Override
    public Object get(Object key) {
        int index = keys.indexOf(key);
        return index < 0 ? null : values[index];
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        int index = next++;
                        return new SimpleImmutableEntry<>(keys.get(index), values[index]);
                    }
                };
            }

            @Override
            public int size() {
                return values.length;
            }
        };
    }

    /** An object of {@code context}'s result, without copying {@code values} when the factory is this one's. */
    static Map<String, Object> of(ResponseMapFactory factory, List<String> keys, Object[] values) {
        return factory == FACTORY ? new ResponseObject(keys, values)
                : factory.createInsertionOrdered(keys, Arrays.asList(values));
    }
}
