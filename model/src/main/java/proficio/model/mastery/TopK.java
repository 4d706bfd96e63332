package proficio.model.mastery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** The first {@code k} of a stream of items in a given order, in O(n log k) without sorting them all. */
final class TopK<T> {

    private final int k;
    private final Comparator<? super T> order;
    private final PriorityQueue<T> heap; // the worst kept item on top

    TopK(int k, Comparator<? super T> order) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, was " + k);
        this.k = k;
        this.order = order;
        this.heap = new PriorityQueue<>(Math.min(k, 64) + 1, order.reversed());
    }

    void offer(T item) {
        if (heap.size() < k) {
            heap.add(item);
        } else if (order.compare(item, heap.peek()) < 0) {
            heap.poll();
            heap.add(item);
        }
    }

    /** The worst item kept once {@code k} are kept (an item must beat it to get in), else null. */
    T worstIfFull() {
        return heap.size() < k ? null : heap.peek();
    }

    boolean isEmpty() {
        return heap.isEmpty();
    }

    /** The kept items, best first. */
    List<T> sorted() {
        List<T> items = new ArrayList<>(heap);
        items.sort(order);
        return items;
    }
}
