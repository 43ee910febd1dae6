package invthink.eval.report;

import invthink.eval.GroupScore;
import invthink.eval.Headline;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * A grouped bar chart of one benchmark's headline measure: groups along the x axis, one coloured
 * bar per baseline, on a fixed 0..100 scale so charts of different runs compare by eye. Drawn with
 * java.awt on an off-screen image, so it needs no display (the caller runs headless).
 */
public final class BarChart {

    private static final int HEIGHT = 420;
    private static final int PLOT_TOP = 50;
    private static final int PLOT_BOTTOM = 330;
    private static final int LEFT = 60;
    private static final int BAR = 22;
    private static final int GAP = 26;
    private static final Color[] PALETTE = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868), new Color(0xC44E52),
        new Color(0x8172B3), new Color(0x937860)};

    private BarChart() {
    }

    public static void write(String title, Headline headline, List<GroupScore> scores, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> groups = new ArrayList<>(new LinkedHashSet<>(scores.stream().map(GroupScore::group).toList()));
        List<String> baselines = new ArrayList<>(new LinkedHashSet<>(scores.stream().map(GroupScore::baseline).toList()));
        int groupWidth = Math.max(baselines.size() * BAR, 60) + GAP;
        int width = Math.max(520, LEFT + groups.size() * groupWidth + 40);
        BufferedImage image = new BufferedImage(width, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, HEIGHT);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title + ": " + headline.label(), LEFT, 24);
            axes(g, width);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            for (int gi = 0; gi < groups.size(); gi++) {
                int x0 = LEFT + 10 + gi * groupWidth;
                for (int bi = 0; bi < baselines.size(); bi++) {
                    Optional<GroupScore> s = find(scores, groups.get(gi), baselines.get(bi));
                    if (s.isEmpty()) {
                        continue;
                    }
                    double v = Math.max(0, Math.min(100, headline.of(s.get())));
                    int h = (int) Math.round(v / 100 * (PLOT_BOTTOM - PLOT_TOP));
                    g.setColor(PALETTE[bi % PALETTE.length]);
                    g.fillRect(x0 + bi * BAR, PLOT_BOTTOM - h, BAR - 3, h);
                    g.setColor(Color.DARK_GRAY);
                    g.drawString(String.format(Locale.ROOT, "%.0f", v), x0 + bi * BAR, PLOT_BOTTOM - h - 3);
                }
                g.setColor(Color.BLACK);
                drawClipped(g, groups.get(gi), x0, PLOT_BOTTOM + 16, groupWidth - 6);
            }
            legend(g, baselines);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    private static void axes(Graphics2D g, int width) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (int v = 0; v <= 100; v += 25) {
            int y = PLOT_BOTTOM - v * (PLOT_BOTTOM - PLOT_TOP) / 100;
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(LEFT, y, width - 20, y);
            g.setColor(Color.BLACK);
            g.drawString(Integer.toString(v), LEFT - 28, y + 4);
        }
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(LEFT, PLOT_TOP, LEFT, PLOT_BOTTOM);
        g.drawLine(LEFT, PLOT_BOTTOM, width - 20, PLOT_BOTTOM);
    }

    private static void legend(Graphics2D g, List<String> baselines) {
        int x = LEFT;
        int y = HEIGHT - 40;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < baselines.size(); i++) {
            g.setColor(PALETTE[i % PALETTE.length]);
            g.fillRect(x, y - 10, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(baselines.get(i), x + 16, y);
            x += 30 + g.getFontMetrics().stringWidth(baselines.get(i));
        }
    }

    private static void drawClipped(Graphics2D g, String text, int x, int y, int max) {
        FontMetrics fm = g.getFontMetrics();
        String t = text;
        while (t.length() > 3 && fm.stringWidth(t) > max) {
            t = t.substring(0, t.length() - 2);
        }
        g.drawString(t.equals(text) ? t : t + "…", x, y);
    }

    private static Optional<GroupScore> find(List<GroupScore> scores, String group, String baseline) {
        return scores.stream().filter(s -> s.group().equals(group) && s.baseline().equals(baseline)).findFirst();
    }
}
