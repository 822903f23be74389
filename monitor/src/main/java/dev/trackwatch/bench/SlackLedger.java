package dev.trackwatch.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trackwatch.fakes.FakeSlackApi;
import dev.trackwatch.fakes.FakeSlackMessage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Slack got against what a daemon owes it. The owed side is the daemon's notification log
 * ({@code <state>.notifications}, one row per notification id: FIRING, UPDATE, REPEAT, RESOLVED of
 * each group); the delivered side is every message in the fake Slack whose metadata names that
 * group (a first message, or a reply in its thread). Per group, more posts than notifications are
 * duplicates, fewer are lost, and the order of FIRING/RESOLVED must match the log's sequence.
 */
public record SlackLedger(int groups, int owed, int posted, int duplicates, int duplicateFirsts, int lost, int unsent,
                          int outOfOrder) {

    /** Compares the fake's messages with the notification log in {@code stateDatabase}. */
    public static SlackLedger compare(BenchRig rig, String stateDatabase) throws IOException, InterruptedException {
        return compare(rig.slack(), rig.query("SELECT group_key, seq, type, status FROM " + stateDatabase
                + ".notifications FINAL ORDER BY group_key, seq"));
    }

    /** Compares {@code slack}'s messages with log rows {@code group_key, seq, type, status} ordered by group and seq. */
    static SlackLedger compare(FakeSlackApi slack, List<String[]> logRows) {
        Map<String, List<String>> owedByGroup = new LinkedHashMap<>();
        int unsent = 0;
        for (String[] row : logRows) {
            owedByGroup.computeIfAbsent(row[0], g -> new ArrayList<>()).add(row[2].equals("RESOLVED") ? "RESOLVED" : "FIRING");
            if (!row[3].equals("sent")) {
                unsent++;
            }
        }
        Map<String, List<String>> postedByGroup = new LinkedHashMap<>();
        Map<String, Integer> firstsByGroup = new LinkedHashMap<>();
        int posted = 0;
        for (FakeSlackMessage m : slack.allMessages()) {
            String[] groupAndStatus = groupAndStatus(m);
            if (groupAndStatus == null) {
                continue;
            }
            posted++;
            postedByGroup.computeIfAbsent(groupAndStatus[0], g -> new ArrayList<>()).add(groupAndStatus[1]);
            if (m.threadTs() == null) {
                firstsByGroup.merge(groupAndStatus[0], 1, Integer::sum);
            }
        }
        int owed = 0;
        int duplicates = 0;
        int duplicateFirsts = 0;
        int lost = 0;
        int outOfOrder = 0;
        Set<String> groups = new java.util.TreeSet<>(owedByGroup.keySet());
        groups.addAll(postedByGroup.keySet());
        for (String g : groups) {
            List<String> o = owedByGroup.getOrDefault(g, List.of());
            List<String> p = postedByGroup.getOrDefault(g, List.of());
            owed += o.size();
            duplicates += Math.max(0, p.size() - o.size());
            lost += Math.max(0, o.size() - p.size());
            long firings = o.stream().filter("FIRING"::equals).count();
            // Each FIRING in the log opens a thread only when it is the group's first or follows a RESOLVED.
            int threads = 0;
            for (int i = 0; i < o.size(); i++) {
                if (o.get(i).equals("FIRING") && (i == 0 || o.get(i - 1).equals("RESOLVED"))) {
                    threads++;
                }
            }
            duplicateFirsts += Math.max(0, firstsByGroup.getOrDefault(g, 0) - (int) Math.min(firings, threads));
            if (!p.equals(o) && p.size() == o.size()) {
                outOfOrder++;
            }
        }
        return new SlackLedger(groups.size(), owed, posted, duplicates, duplicateFirsts, lost, unsent, outOfOrder);
    }

    /** The {@code group_key} and {@code status} of a message's metadata, or null for one without. */
    static String[] groupAndStatus(FakeSlackMessage m) {
        if (m.metadata() == null || m.metadata().isBlank()) {
            return null;
        }
        try {
            JsonObject payload = JsonParser.parseString(m.metadata()).getAsJsonObject().getAsJsonObject("event_payload");
            return new String[] {payload.get("group_key").getAsString(), payload.get("status").getAsString()};
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whether a message is about a monitor fault (the monitor, not the data, is in trouble). */
    static boolean isMonitorFault(FakeSlackMessage m) {
        String[] gs = groupAndStatus(m);
        String text = (String.valueOf(m.text()) + " " + (gs == null ? "" : gs[0])).toLowerCase(java.util.Locale.ROOT);
        // The watchdog tells an outage without ClickHouse: "Trackwatch cannot reach ClickHouse ...".
        return text.contains("monitor_fault") || text.contains("monitor fault") || text.contains("reach clickhouse");
    }

    /** The figures as {@code key=value} pairs for a drill's line. */
    public String figures() {
        return "groups=" + groups + " owed=" + owed + " posted=" + posted + " duplicates=" + duplicates
                + " duplicate_firsts=" + duplicateFirsts + " lost=" + lost + " unsent_in_log=" + unsent
                + " out_of_order_groups=" + outOfOrder;
    }
}
