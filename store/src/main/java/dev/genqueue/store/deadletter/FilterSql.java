package dev.genqueue.store.deadletter;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The {@code WHERE} clause of a {@link DeadLetterFilter} over {@code dead_letter d}, with its parameters. */
final class FilterSql {

    private final StringBuilder sql = new StringBuilder(" WHERE true");
    private final List<Object> params = new ArrayList<>();

    private FilterSql() {
    }

    static FilterSql of(DeadLetterFilter filter) {
        FilterSql where = new FilterSql();
        if (filter.kind() != null) {
            where.and("d.kind = ?", filter.kind().wireName());
        }
        if (filter.reason() != null) {
            // strpos, not LIKE: the operator's text is matched literally, % and _ included
            where.and("strpos(lower(d.reason), lower(?)) > 0", filter.reason());
        }
        if (filter.from() != null) {
            where.and("d.created_at >= ?", timestamp(filter.from()));
        }
        if (filter.to() != null) {
            where.and("d.created_at < ?", timestamp(filter.to()));
        }
        if (filter.redriven() != null) {
            where.and(filter.redriven() ? "d.redriven_at IS NOT NULL" : "d.redriven_at IS NULL");
        }
        return where;
    }

    /** Adds a condition with its parameters. */
    FilterSql and(String condition, Object... values) {
        sql.append(" AND ").append(condition);
        params.addAll(List.of(values));
        return this;
    }

    String sql() {
        return sql.toString();
    }

    /** Binds the parameters from {@code index} on; answers the next free index. */
    int bindFrom(PreparedStatement statement, int index) throws SQLException {
        for (Object param : params) {
            statement.setObject(index++, param);
        }
        return index;
    }

    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
