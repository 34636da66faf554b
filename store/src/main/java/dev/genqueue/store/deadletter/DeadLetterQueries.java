package dev.genqueue.store.deadletter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

/** Reads dead letters: filtered keyset pages (newest first), single records and counts. */
@ApplicationScoped
public class DeadLetterQueries {

    private static final int WHOLE = Integer.MAX_VALUE;

    private final EntityManager entityManager;

    DeadLetterQueries(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * A page of at most {@code limit} dead letters matching {@code filter}, starting after {@code after}
     * (or at the newest); payloads longer than {@code previewChars} characters are cut to a preview.
     */
    @Transactional
    public DeadLetterPage page(DeadLetterFilter filter, DeadLetterCursor after, int limit, int previewChars) {
        FilterSql where = FilterSql.of(filter);
        if (after != null) {
            where.and("(d.created_at, d.id) < (?, ?)", FilterSql.timestamp(after.createdAt()), after.id());
        }
        String sql = "SELECT " + DeadLetterRows.COLUMNS + " FROM dead_letter d" + where.sql()
                + " ORDER BY d.created_at DESC, d.id DESC LIMIT ?";
        List<DeadLetter> rows = work(c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                select.setInt(1, previewChars);
                int next = where.bindFrom(select, 2);
                select.setInt(next, limit + 1);
                return readAll(select);
            }
        });
        boolean more = rows.size() > limit;
        List<DeadLetter> items = more ? rows.subList(0, limit) : rows;
        return new DeadLetterPage(items, more ? DeadLetterCursor.after(items.get(items.size() - 1)) : null);
    }

    /** One dead letter with its whole payload. */
    @Transactional
    public Optional<DeadLetter> find(UUID id) {
        String sql = "SELECT " + DeadLetterRows.COLUMNS + " FROM dead_letter d WHERE d.id = ?";
        List<DeadLetter> rows = work(c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                select.setInt(1, WHOLE);
                select.setObject(2, id);
                return readAll(select);
            }
        });
        return rows.stream().findFirst();
    }

    /** How many dead letters there are, per stored kind and whether they were redriven. */
    @Transactional
    public List<DeadLetterCount> counts() {
        return work(c -> {
            List<DeadLetterCount> counts = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT kind, redriven_at IS NOT NULL, count(*) FROM dead_letter GROUP BY 1, 2");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    counts.add(new DeadLetterCount(rs.getString(1), rs.getBoolean(2), rs.getLong(3)));
                }
            }
            return counts;
        });
    }

    private static List<DeadLetter> readAll(PreparedStatement select) throws SQLException {
        List<DeadLetter> rows = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.add(DeadLetterRows.read(rs));
            }
        }
        return rows;
    }

    private <T> T work(ReturningWork<T> work) {
        return entityManager.unwrap(Session.class).doReturningWork(work);
    }
}
