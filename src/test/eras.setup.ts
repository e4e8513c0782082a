// Tests run every era: link the v6.12 image (the app loads it as a chunk of its own).
import '../model/vmlinux_v612';
