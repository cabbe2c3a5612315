package dev.shutter.bench.timeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A follow graph over users {@code 0..size-1}: {@code edges} are (follower, followee) pairs in the order they are
 * seeded.
 */
record SocialGraph(String name, int size, List<int[]> edges) {

    /**
     * A graph with a heavy-tailed degree distribution (Chung-Lu: each user's expected degree drawn from a power law with
     * exponent {@code 2.5}), like the Facebook friendship graphs DeathStarBench's social network is seeded with;
     * socfb-Reed98 has 962 users and 18,812 edges.
     */
    static SocialGraph heavyTailed(String name, int size, int edges, long seed) {
        Random random = new Random(seed);
        double[] weights = new double[size];
        double total = 0;
        for (int i = 0; i < size; i++) {
            // Pareto(x_min = 1, alpha = 1.5): P(degree > d) ~ d^-1.5, i.e. density exponent 2.5; capped at size / 3.
            weights[i] = Math.min(size / 3.0, Math.pow(1 - random.nextDouble(), -1 / 1.5));
            total += weights[i];
        }
        double[] cumulative = new double[size];
        double running = 0;
        for (int i = 0; i < size; i++) {
            running += weights[i] / total;
            cumulative[i] = running;
        }
        Set<Long> seen = new HashSet<>();
        List<int[]> pairs = new ArrayList<>(edges);
        while (pairs.size() < edges) {
            int follower = pick(cumulative, random);
            int followee = pick(cumulative, random);
            if (follower != followee && seen.add((long) follower * size + followee)) {
                pairs.add(new int[] {follower, followee});
            }
        }
        return new SocialGraph(name, size, pairs);
    }

    /**
     * A power-law graph in which user 0 (the star) is followed by {@code starFollowers} users and user 1 (the hub) by
     * exactly {@code hubFollowers}; everybody else follows about {@code perUser} accounts chosen with a heavy tail.
     * The last edge to the hub and the last edge to the star come last, so their fan-outs end at known followers.
     */
    static SocialGraph powerLaw(int size, int starFollowers, int hubFollowers, int perUser, long seed) {
        Random random = new Random(seed);
        SocialGraph rest = heavyTailed("rest", size - 2, (size - 2) * perUser, seed + 1);
        List<int[]> pairs = new ArrayList<>();
        for (int[] edge : rest.edges()) {
            pairs.add(new int[] {edge[0] + 2, edge[1] + 2});
        }
        List<Integer> others = new ArrayList<>();
        for (int i = 2; i < size; i++) {
            others.add(i);
        }
        java.util.Collections.shuffle(others, random);
        for (int i = 0; i < starFollowers; i++) {
            pairs.add(new int[] {others.get(i), 0});
        }
        java.util.Collections.shuffle(others, random);
        for (int i = 0; i < hubFollowers; i++) {
            pairs.add(new int[] {others.get(i), 1});
        }
        return new SocialGraph("power-law", size, pairs);
    }

    /** Followees of each user. */
    List<List<Integer>> following() {
        List<List<Integer>> following = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            following.add(new ArrayList<>());
        }
        edges.forEach(edge -> following.get(edge[0]).add(edge[1]));
        return following;
    }

    int followersOf(int user) {
        return (int) edges.stream().filter(edge -> edge[1] == user).count();
    }

    int maxFollowers() {
        int[] counts = new int[size];
        edges.forEach(edge -> counts[edge[1]]++);
        return java.util.Arrays.stream(counts).max().orElse(0);
    }

    private static int pick(double[] cumulative, Random random) {
        double r = random.nextDouble();
        int index = java.util.Arrays.binarySearch(cumulative, r);
        int i = index >= 0 ? index : -index - 1;
        return Math.min(i, cumulative.length - 1);
    }
}
