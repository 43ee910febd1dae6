package invthink.dashboard.view;

/**
 * A condition someone should look at now.
 *
 * @param id     stable identity: the same condition keeps its id while it stays active
 * @param since  when it became active (epoch ms)
 */
public record Alert(String id, String severity, String title, String detail, long since) {
}
