/*
 * detent-sim — runs a Detent HR firmware ELF in simavr, close to real time, with UART0 on a
 * pseudo-terminal of its own, so host software (the daemon, a test, `cat`) talks to the simulated
 * board as to a USB serial port.
 *
 *   detent-sim [--mcu atmega328p] [--freq 16000000] [--reset-on-open] firmware.elf
 *
 * On stdout, once the PTY exists and the firmware is loaded: one line `pty /dev/pts/N`.
 * On stdin, one command a line:
 *   adc <channel 0-7> <millivolts 0-5000>   the voltage on ADCn (AVCC = AREF = VCC = 5000 mV)
 *   reset                                   resets the AVR (as the DTR pulse of an Uno does)
 *   stats                                   prints `stats sim_ms=… wall_ms=… …` on stdout
 *   quit                                    exits (as do stdin EOF, SIGTERM and SIGINT)
 * Diagnostics go to stderr only; stdout carries nothing but the lines above.
 *
 * --mcu/--freq are for ELFs without simavr's .mmcu metadata (build/detent-hr.elf); the -sim ELFs
 * carry it. --reset-on-open resets the AVR every time a program opens the PTY, like an Uno's
 * auto-reset, so the start-up hello is the first thing the opener reads.
 *
 * simavr gotchas handled here (simavr 1.6 as in Debian 12):
 *  - simavr's own parts/uart_pty uses fixed /tmp/simavr-uart* symlinks that collide between
 *    parallel runs; this harness makes its own PTY with openpty() instead.
 *  - The UART input FIFO holds 64 bytes and drops a byte raised into it while full, or while the
 *    firmware has RXEN off. Bytes from the PTY wait in a queue here and go in only while the
 *    UART's XOFF IRQ is low and RXEN is set.
 *  - UART_IRQ_OUTPUT fires the moment the firmware writes UDR; simavr paces the firmware at the
 *    baud rate (UDRE comes back one byte-time later), so the PTY sees a realistic byte rate.
 *  - The UART's STDIO flag makes simavr print the firmware's output as text lines and its logger
 *    writes to stdout by default; both are turned off / redirected to stderr here.
 *  - simavr's default sleep callback usleep()s every sleep of the AVR (with a 200 µs minimum),
 *    whose overhead makes a sleepy firmware run slower than real time. It is replaced by a no-op:
 *    simulated time jumps to the next timer event and the loop below throttles against a
 *    monotonic clock instead (runs at most ~1 ms of simulated time ahead of the wall clock).
 *  - Firmware that sleeps with interrupts off makes simavr stop (cpu_Done); reported as an error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "avr_adc.h"
#include "avr_uart.h"
#include "sim_avr.h"
#include "sim_elf.h"
#include "sim_irq.h"

#define MILLIVOLTS_FULL_SCALE 5000
#define TX_BUF_SIZE 65536
#define RX_QUEUE_SIZE 4096
#define LAG_RESYNC_NS 200000000LL /* more than 200 ms behind: stop trying to catch up */

static volatile sig_atomic_t stop_signal;
static avr_t *avr;
static avr_uart_t *uart0;
static avr_irq_t *uart_irq; /* base of UART0's IRQs: + UART_IRQ_INPUT / _OUTPUT / _OUT_XON / _OUT_XOFF */
static int master_fd = -1;
static int connected;      /* a program holds the PTY slave open */
static int reset_on_open;
static int uart_xoff;      /* the AVR's input FIFO is full: hold bytes */

static uint8_t tx_buf[TX_BUF_SIZE]; /* AVR → PTY, flushed after every slice of simulated time */
static size_t tx_len;
static uint8_t rx_queue[RX_QUEUE_SIZE]; /* PTY → AVR, fed while the UART has room */
static size_t rx_head, rx_len;

static unsigned long long stat_tx, stat_rx, stat_tx_dropped, stat_rx_dropped, stat_resets;
static long long lag_skipped_ns; /* wall time given up when the host could not keep up */
static long long wall_start_ns;

static long long now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long sim_ns(void) { return (long long)((double)avr->cycle * 1e9 / (double)avr->frequency); }

/* simavr's logger prints to stdout by default; keep stdout for the protocol above. */
static void logger(avr_t *a, const int level, const char *fmt, va_list ap) {
  if (a ? a->log < level : level > LOG_WARNING) return;
  vfprintf(stderr, fmt, ap);
}

/* No-op sleep: simulated time still advances (avr->cycle jumps to the next timer); the main loop
 * throttles. See the header comment. */
static void sleep_cb(avr_t *a, avr_cycle_count_t how_long) {
  (void)a;
  (void)how_long;
}

/* ---- UART0 bridge ------------------------------------------------------------------------- */

static void on_uart_output(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq;
  (void)param;
  if (tx_len < TX_BUF_SIZE) tx_buf[tx_len++] = (uint8_t)value;
  else stat_tx_dropped++;
}

/* XON: "the FIFO has room" (raised repeatedly); XOFF 1: full, 0: emptied. XOFF is a filtered IRQ
 * (only changes are reported), XON is not. */
static void on_uart_xon(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq;
  (void)value;
  (void)param;
  uart_xoff = 0;
}

static void on_uart_xoff(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq;
  (void)param;
  uart_xoff = value != 0;
}

static void feed_uart(void) {
  /* While RXEN is off simavr drops input bytes: keep them queued (the firmware is still starting). */
  if (!avr_regbit_get(avr, uart0->rxen)) return;
  while (rx_len > 0 && !uart_xoff) {
    uint8_t b = rx_queue[rx_head];
    rx_head = (rx_head + 1) % RX_QUEUE_SIZE;
    rx_len--;
    avr_raise_irq(uart_irq + UART_IRQ_INPUT, b); /* may raise XOFF from inside, stopping the loop */
  }
}

static void flush_tx(void) {
  size_t off = 0;
  if (!connected) {
    /* Nobody holds the port open: the bytes go nowhere, as on a real board's TX pin. */
    stat_tx_dropped += tx_len;
    tx_len = 0;
    return;
  }
  while (off < tx_len) {
    ssize_t n = write(master_fd, tx_buf + off, tx_len - off);
    if (n > 0) {
      off += (size_t)n;
      stat_tx += (unsigned long long)n;
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      /* EAGAIN: the reader lets the PTY buffer fill up (~4 KiB). Lost, like a UART overrun. */
      stat_tx_dropped += tx_len - off;
      break;
    }
  }
  tx_len = 0;
}

static void read_master(void) {
  uint8_t buf[512];
  ssize_t n = read(master_fd, buf, sizeof buf);
  for (ssize_t i = 0; i < n; i++) {
    if (rx_len < RX_QUEUE_SIZE) {
      rx_queue[(rx_head + rx_len) % RX_QUEUE_SIZE] = buf[i];
      rx_len++;
      stat_rx++;
    } else {
      stat_rx_dropped++;
    }
  }
}

/* POLLHUP on the master means no program has the slave open (reads would give EIO). */
static void check_connection(void) {
  struct pollfd p = {.fd = master_fd, .events = POLLIN};
  if (poll(&p, 1, 0) < 0) return;
  int now_connected = !(p.revents & POLLHUP);
  if (now_connected && !connected && reset_on_open) {
    avr_reset(avr); /* the Uno's DTR auto-reset */
    stat_resets++;
    uart_xoff = 0;
    rx_len = 0;
  }
  if (!now_connected && connected) rx_len = 0;
  connected = now_connected;
}

/* ---- stdin commands ---------------------------------------------------------------------- */

static void print_stats(FILE *out) {
  long long wall = now_ns() - wall_start_ns;
  fprintf(out,
          "stats sim_ms=%.3f wall_ms=%.3f lag_skipped_ms=%.3f tx_bytes=%llu tx_dropped=%llu rx_bytes=%llu "
          "rx_dropped=%llu resets=%llu\n",
          sim_ns() / 1e6, wall / 1e6, lag_skipped_ns / 1e6, stat_tx, stat_tx_dropped, stat_rx, stat_rx_dropped,
          stat_resets);
  fflush(out);
}

/* Returns 0 to quit. */
static int handle_command(char *line) {
  int ch, mv;
  char extra;
  if (sscanf(line, "adc %d %d %c", &ch, &mv, &extra) == 2) {
    if (ch < 0 || ch > 7 || mv < 0 || mv > MILLIVOLTS_FULL_SCALE) {
      fprintf(stderr, "detent-sim: adc wants channel 0-7 and 0-%d mV: %s\n", MILLIVOLTS_FULL_SCALE, line);
      return 1;
    }
    /* The ADC module samples adc_values[ch] (mV) when a conversion starts. */
    avr_raise_irq(avr_io_getirq(avr, AVR_IOCTL_ADC_GETIRQ, ADC_IRQ_ADC0 + ch), (uint32_t)mv);
    return 1;
  }
  if (strcmp(line, "quit") == 0) return 0;
  if (strcmp(line, "reset") == 0) {
    avr_reset(avr);
    stat_resets++;
    uart_xoff = 0;
    return 1;
  }
  if (strcmp(line, "stats") == 0) {
    print_stats(stdout);
    return 1;
  }
  if (line[0] != '\0') fprintf(stderr, "detent-sim: unknown command: %s\n", line);
  return 1;
}

static char line_buf[256];
static size_t line_len;

/* Returns 0 on quit or EOF. */
static int read_stdin(void) {
  char buf[256];
  ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
  if (n == 0) return 0;
  if (n < 0) return errno == EINTR || errno == EAGAIN;
  for (ssize_t i = 0; i < n; i++) {
    if (buf[i] == '\n' || buf[i] == '\r') {
      line_buf[line_len] = '\0';
      line_len = 0;
      if (!handle_command(line_buf)) return 0;
    } else if (line_len < sizeof line_buf - 1) {
      line_buf[line_len++] = buf[i];
    }
  }
  return 1;
}

/* ---- set-up ------------------------------------------------------------------------------ */

static void on_signal(int sig) { stop_signal = sig; }

static int open_pty(char *name) {
  int slave;
  if (openpty(&master_fd, &slave, name, NULL, NULL) < 0) {
    perror("detent-sim: openpty");
    return -1;
  }
  /* Raw 8N1 on the slave: no echo (the host's request would come back to it), no CR/LF mangling,
   * no line buffering. The settings stay with the PTY after this fd closes. */
  struct termios t;
  tcgetattr(slave, &t);
  cfmakeraw(&t);
  cfsetispeed(&t, B115200);
  cfsetospeed(&t, B115200);
  tcsetattr(slave, TCSANOW, &t);
  /* Close our slave fd, so POLLHUP on the master tells whether anyone else has the port open. */
  close(slave);
  fcntl(master_fd, F_SETFL, fcntl(master_fd, F_GETFL) | O_NONBLOCK);
  fcntl(master_fd, F_SETFD, FD_CLOEXEC);
  return 0;
}

static avr_uart_t *find_uart0(void) {
  for (avr_io_t *io = avr->io_port; io; io = io->next)
    if (strcmp(io->kind, "uart") == 0 && ((avr_uart_t *)io)->name == '0') return (avr_uart_t *)io;
  return NULL;
}

static void usage(void) {
  fprintf(stderr, "usage: detent-sim [--mcu atmega328p] [--freq 16000000] [--reset-on-open] firmware.elf\n");
}

int main(int argc, char **argv) {
  const char *elf = NULL, *mcu = "atmega328p";
  unsigned long freq = 16000000UL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--mcu") == 0 && i + 1 < argc) mcu = argv[++i];
    else if (strcmp(argv[i], "--freq") == 0 && i + 1 < argc) freq = strtoul(argv[++i], NULL, 0);
    else if (strcmp(argv[i], "--reset-on-open") == 0) reset_on_open = 1;
    else if (argv[i][0] == '-' || elf) {
      usage();
      return 2;
    } else elf = argv[i];
  }
  if (!elf) {
    usage();
    return 2;
  }

  avr_global_logger_set(logger); /* before loading: the ELF loader logs too */

  elf_firmware_t fw;
  memset(&fw, 0, sizeof fw);
  if (elf_read_firmware(elf, &fw) != 0) {
    fprintf(stderr, "detent-sim: cannot load %s\n", elf);
    return 1;
  }
  if (!fw.mmcu[0]) snprintf(fw.mmcu, sizeof fw.mmcu, "%s", mcu); /* no .mmcu metadata in the ELF */
  if (!fw.frequency) fw.frequency = (uint32_t)freq;

  avr = avr_make_mcu_by_name(fw.mmcu);
  if (!avr) {
    fprintf(stderr, "detent-sim: unknown MCU %s\n", fw.mmcu);
    return 1;
  }
  avr_init(avr);
  avr->log = LOG_WARNING;
  avr_load_firmware(avr, &fw);
  /* Analog supplies in mV (the ADC divides by the selected reference; 0 would log and use 3.3 V). */
  avr->vcc = avr->avcc = avr->aref = MILLIVOLTS_FULL_SCALE;
  avr->sleep = sleep_cb;

  uart0 = find_uart0();
  if (!uart0) {
    fprintf(stderr, "detent-sim: %s has no UART0\n", fw.mmcu);
    return 1;
  }
  uint32_t flags = 0;
  avr_ioctl(avr, AVR_IOCTL_UART_GET_FLAGS('0'), &flags);
  flags &= ~(uint32_t)(AVR_UART_FLAG_STDIO | AVR_UART_FLAG_POLL_SLEEP);
  avr_ioctl(avr, AVR_IOCTL_UART_SET_FLAGS('0'), &flags);

  uart_irq = avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_INPUT);
  avr_irq_register_notify(uart_irq + UART_IRQ_OUTPUT, on_uart_output, NULL);
  avr_irq_register_notify(uart_irq + UART_IRQ_OUT_XON, on_uart_xon, NULL);
  avr_irq_register_notify(uart_irq + UART_IRQ_OUT_XOFF, on_uart_xoff, NULL);
  for (int ch = 0; ch < 8; ch++) avr_raise_irq(avr_io_getirq(avr, AVR_IOCTL_ADC_GETIRQ, ADC_IRQ_ADC0 + ch), 0);

  char name[256];
  if (open_pty(name) < 0) return 1;

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal; /* no SA_RESTART: ppoll returns EINTR */
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);

  printf("pty %s\n", name);
  fflush(stdout);

  const avr_cycle_count_t slice = avr->frequency / 1000; /* run 1 ms of simulated time, then look around */
  wall_start_ns = now_ns();
  long long wall_base = wall_start_ns; /* wall time at simulated time 0, moved on when lagging */
  int status = 0, running = 1;
  while (running && !stop_signal) {
    avr_cycle_count_t until = avr->cycle + slice;
    while (avr->cycle < until) {
      int state = avr_run(avr);
      if (state == cpu_Done || state == cpu_Crashed) {
        fprintf(stderr, "detent-sim: the AVR %s at cycle %llu (pc 0x%04x)\n",
                state == cpu_Done ? "stopped (slept with interrupts off?)" : "crashed",
                (unsigned long long)avr->cycle, (unsigned)avr->pc);
        status = 1;
        running = 0;
        break;
      }
    }
    check_connection();
    flush_tx();
    feed_uart();

    /* Throttle: wait (serving stdin and the PTY meanwhile) until the wall clock has caught up
     * with simulated time, so the simulation runs at most one slice ahead of real time. */
    for (;;) {
      long long ahead = sim_ns() - (now_ns() - wall_base);
      if (ahead < -LAG_RESYNC_NS) {
        lag_skipped_ns += -ahead;
        wall_base -= -ahead; /* the host is too slow right now: do not race to catch up */
        ahead = 0;
      }
      struct timespec timeout = {0, 0};
      if (ahead > 0) {
        timeout.tv_sec = ahead / 1000000000LL;
        timeout.tv_nsec = ahead % 1000000000LL;
      }
      struct pollfd fds[2] = {{.fd = STDIN_FILENO, .events = POLLIN},
                              {.fd = connected ? master_fd : -1, .events = POLLIN}};
      int n = ppoll(fds, 2, &timeout, NULL);
      if (n < 0 || stop_signal) break; /* EINTR: a signal; the outer loop checks it */
      if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) running = running && read_stdin();
      if (fds[1].revents & POLLIN) read_master();
      if (fds[1].revents & POLLHUP) check_connection(); /* the reader closed the port */
      feed_uart();
      if (!running || ahead <= 0) break;
    }
  }

  print_stats(stderr);
  close(master_fd);
  avr_terminate(avr);
  return status;
}
