package io.lendx.paging;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.beans.UnsafeBeanInstantiationIntrospection;
import io.micronaut.core.reflect.ReflectionUtils;
import io.micronaut.core.type.Argument;
import io.micronaut.data.model.runtime.RuntimePersistentEntity;
import io.micronaut.data.model.runtime.RuntimePersistentProperty;
import io.r2dbc.spi.Row;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What keyset queries need to know of an entity's table, read once from its
 * {@code @MappedEntity} record (the names Micronaut Data persists it under): the table and key
 * column, the key of an entity, how a row becomes an entity, the columns each GraphQL field of
 * the entity needs and the columns always read (keys, foreign keys, states: what loaders and
 * relations need), and the fields a connection of it can be sorted by.
 */
public final class Table<T> {

    private final String name;
    private final String keyColumn;
    private final Function<T, String> key;
    /**
     * The record's constructor arguments: the column each is read from, what the driver decodes
     * it as (text for an enum), and the enum it becomes, if any.
     */
    private final String[] argumentColumns;
    private final Class<?>[] decodedAs;
    private final Class<?>[] enumTypes;
    private final Function<Object[], T> construct;
    private final Function<Row, T> mapper;
    private final Set<String> alwaysRead;
    private final Map<String, List<String>> fieldColumns;
    private final Map<String, SortField<T>> sortFields;
    private final Map<String, BeanProperty<T, Object>> propertiesByColumn;
    /** By the set of GraphQL fields asked for: the few sets clients send, up to {@link Projection#MEMORY}. */
    private final Map<Set<String>, Projection> projections = new ConcurrentHashMap<>();

    private Table(Builder<T> builder) {
        RuntimePersistentEntity<T> entity = builder.entity;
        this.name = entity.getPersistedName();
        this.keyColumn = entity.getIdentity().getPersistedName();
        BeanProperty<T, Object> keyProperty = entity.getIdentity().getProperty();
        this.key = row -> (String) keyProperty.get(row);
        Map<String, List<String>> byField = new HashMap<>(builder.derived);
        Map<String, BeanProperty<T, Object>> byColumn = new HashMap<>();
        for (RuntimePersistentProperty<T> property : properties(entity)) {
            byField.put(property.getName(), List.of(property.getPersistedName()));
            byColumn.put(property.getPersistedName(), property.getProperty());
        }
        this.fieldColumns = Map.copyOf(byField);
        this.propertiesByColumn = Map.copyOf(byColumn);
        BeanIntrospection<T> introspection = entity.getIntrospection();
        Argument<?>[] arguments = introspection.getConstructorArguments();
        this.argumentColumns = new String[arguments.length];
        this.decodedAs = new Class<?>[arguments.length];
        this.enumTypes = new Class<?>[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            argumentColumns[i] = property(entity, arguments[i].getName()).getPersistedName();
            // Boxed: the driver decodes to objects, and a column left out reads as null.
            Class<?> type = ReflectionUtils.getWrapperType(arguments[i].getType());
            enumTypes[i] = type.isEnum() ? type : null;
            decodedAs[i] = type.isEnum() ? String.class : type;
        }
        this.construct = constructor(introspection);
        this.mapper = byName();
        this.alwaysRead = Set.copyOf(builder.alwaysRead);
        Map<String, SortField<T>> sorts = new HashMap<>();
        for (String field : builder.sortableBy) {
            RuntimePersistentProperty<T> property = property(entity, field);
            String sortName = upperSnakeCase(field);
            BeanProperty<T, Object> value = property.getProperty();
            sorts.put(sortName, new SortField<>(name + "." + sortName, property.getPersistedName(),
                    property.getType(), value::get));
        }
        this.sortFields = Map.copyOf(sorts);
    }

    /** Starts describing the table of {@code entity}, a {@code @MappedEntity} record. */
    public static <T> Builder<T> of(Class<T> entity) {
        return new Builder<>(new RuntimePersistentEntity<>(entity));
    }

    public String name() {
        return name;
    }

    public String keyColumn() {
        return keyColumn;
    }

    public Function<T, String> key() {
        return key;
    }

    /** Maps a row to an entity; a column the row lacks reads as null. */
    public Function<Row, T> mapper() {
        return mapper;
    }

    /** The text value of {@code column} of an entity, such as the parent key of a child row. */
    public Function<T, String> text(String column) {
        BeanProperty<T, Object> property = propertiesByColumn.get(column);
        if (property == null || !String.class.equals(property.getType())) {
            throw new IllegalArgumentException(name + " has no text column " + column);
        }
        return entity -> (String) property.get(entity);
    }

    /** The sort field of a connection's {@code orderBy} value ({@code CREATED_AT}). */
    public SortField<T> sortField(String sortName) {
        SortField<T> field = sortFields.get(sortName);
        if (field == null) {
            throw new IllegalArgumentException(name + " cannot be sorted by " + sortName);
        }
        return field;
    }

    /**
     * The columns the given GraphQL fields of the entity need, with those always read. Worked out
     * once per set of fields: every batch of a loader asks again, with the same few sets.
     */
    public Projection projection(Set<String> fields) {
        Projection known = projections.get(fields);
        if (known != null) {
            return known;
        }
        Set<String> columns = new LinkedHashSet<>(alwaysRead);
        columns.add(keyColumn);
        for (String field : fields) {
            columns.addAll(fieldColumns.getOrDefault(field, List.of()));
        }
        return Projection.remembered(projections, Set.copyOf(fields), Projection.of(columns));
    }

    private static <T> List<RuntimePersistentProperty<T>> properties(RuntimePersistentEntity<T> entity) {
        List<RuntimePersistentProperty<T>> all = new ArrayList<>();
        all.add(entity.getIdentity());
        all.addAll(entity.getPersistentProperties());
        return all;
    }

    private static <T> RuntimePersistentProperty<T> property(RuntimePersistentEntity<T> entity, String field) {
        if (entity.getIdentity().getName().equals(field)) {
            return entity.getIdentity();
        }
        RuntimePersistentProperty<T> property = entity.getPropertyByName(field);
        if (property == null) {
            throw new IllegalArgumentException(entity.getName() + " has no property " + field);
        }
        return property;
    }

    /** Maps full rows ({@code SELECT *}): each argument from its column, by name. */
    private Function<Row, T> byName() {
        return row -> {
            Object[] values = new Object[argumentColumns.length];
            for (int i = 0; i < argumentColumns.length; i++) {
                values[i] = argument(i, row.get(argumentColumns[i], decodedAs[i]));
            }
            return construct.apply(values);
        };
    }

    /**
     * Maps rows of the {@code selected} columns, in that order, by position: a projected read's.
     * The arguments whose columns were left out are null. Looking each column up by name (in
     * the set of selected columns, then in the row's map of names) was about a quarter of the
     * samples of reading a row.
     */
    Function<Row, T> mapperOf(List<String> selected) {
        int[] positions = new int[argumentColumns.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = selected.indexOf(argumentColumns[i]);
        }
        return row -> {
            Object[] values = new Object[positions.length];
            for (int i = 0; i < positions.length; i++) {
                int position = positions[i];
                if (position >= 0) {
                    values[i] = argument(i, row.get(position, decodedAs[i]));
                }
            }
            return construct.apply(values);
        };
    }

    /**
     * Builds the record through its compile-time introspection (no reflection per row), not
     * strict about nulls: a projected read leaves the columns nobody asked for null. The unchecked
     * call skips looking up, for every null argument of every row, whether it is {@code @Nullable}.
     */
    private static <T> Function<Object[], T> constructor(BeanIntrospection<T> introspection) {
        if (introspection instanceof UnsafeBeanInstantiationIntrospection<T> unchecked) {
            return unchecked::instantiateUnsafe;
        }
        return values -> introspection.instantiate(false, values);
    }

    /** Argument {@code i} from what the driver decoded: an enum from its name, anything else as it is. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object argument(int i, @Nullable Object decoded) {
        Class<?> enumType = enumTypes[i];
        return enumType == null || decoded == null ? decoded : Enum.valueOf((Class<Enum>) enumType, (String) decoded);
    }

    private static String upperSnakeCase(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** The parts of a table description that code states rather than the entity. */
    public static final class Builder<T> {

        private final RuntimePersistentEntity<T> entity;
        private final Set<String> alwaysRead = new LinkedHashSet<>();
        private final Map<String, List<String>> derived = new HashMap<>();
        private final List<String> sortableBy = new ArrayList<>();

        private Builder(RuntimePersistentEntity<T> entity) {
            this.entity = entity;
        }

        /** Columns every projected read selects: what loaders and relations key on. */
        public Builder<T> alwaysRead(String... columns) {
            alwaysRead.addAll(List.of(columns));
            return this;
        }

        /** A GraphQL field computed from several columns (a total from principal and interest). */
        public Builder<T> derived(String field, String... columns) {
            derived.put(field, List.of(columns));
            return this;
        }

        /** The properties a connection can be sorted by; {@code createdAt} sorts as {@code CREATED_AT}. */
        public Builder<T> sortableBy(String... properties) {
            sortableBy.addAll(List.of(properties));
            return this;
        }

        public Table<T> build() {
            return new Table<>(this);
        }
    }
}
