package invthink.dashboard.live;

/** Where the event log delivers live events; must never block the publisher. */
interface Subscriber {

    /** Queues an event; false when the subscriber cannot keep up. */
    boolean offer(LiveEvent event);

    /** Told once when the log gives up on it (it fell behind); it should close its connection. */
    void evict(String reason);
}
