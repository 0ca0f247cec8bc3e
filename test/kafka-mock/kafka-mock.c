/*
 * A Kafka-protocol test broker: librdkafka's mock cluster (3 brokers on loopback) with the topics
 * given as arguments. No real Kafka broker can be installed on the test machines, and the mock
 * cannot create topics over the protocol, so they are created here.
 *
 *   kafka-mock [--ignore-stdin] topic:partitions ...
 *
 * Prints the bootstrap servers as one line on stdout, then runs until SIGTERM/SIGINT or until stdin
 * closes. The stdin rule makes the broker die with the test process that spawned it (its pipe
 * closes even when the parent is SIGKILLed); --ignore-stdin is for running it by hand in the
 * background. Lines on stdin are commands for outage tests: "down" disconnects every broker and
 * refuses new connections (topics, records and committed offsets are kept), "up" accepts them
 * again; each is answered with the same word on stdout once done. Build: gcc -O2 -o test/kafka-mock/kafka-mock test/kafka-mock/kafka-mock.c -lrdkafka
 */
#include <errno.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BROKERS 3

static volatile sig_atomic_t stop_requested = 0;

static void on_signal(int sig) {
    (void)sig;
    stop_requested = 1;
}

static int parse_topic(const char *arg, char *name, size_t name_size, int *partitions) {
    const char *colon = strrchr(arg, ':');
    size_t len = colon ? (size_t)(colon - arg) : strlen(arg);
    if (len == 0 || len >= name_size) return -1;
    memcpy(name, arg, len);
    name[len] = '\0';
    *partitions = 1;
    if (colon) {
        char *end = NULL;
        long n = strtol(colon + 1, &end, 10);
        if (*end != '\0' || n < 1 || n > 10000) return -1;
        *partitions = (int)n;
    }
    return 0;
}

static void run_command(rd_kafka_mock_cluster_t *mcluster, const char *line) {
    int down = strcmp(line, "down") == 0;
    if (!down && strcmp(line, "up") != 0) {
        fprintf(stderr, "kafka-mock: unknown command '%s' (want down or up)\n", line);
        return;
    }
    for (int32_t id = 1; id <= BROKERS; id++) {
        if (down) rd_kafka_mock_broker_set_down(mcluster, id);
        else rd_kafka_mock_broker_set_up(mcluster, id);
    }
    printf("%s\n", line);
    fflush(stdout);
}

/* Blocks until a stop signal, or (unless ignored) until stdin reaches end of file; runs commands. */
static void wait_for_stop(rd_kafka_mock_cluster_t *mcluster, int watch_stdin) {
    char buf[256];
    char line[64];
    size_t used = 0;
    while (!stop_requested) {
        if (!watch_stdin) {
            pause(); /* returns on any handled signal */
            continue;
        }
        struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
        int ready = poll(&pfd, 1, 1000);
        if (ready < 0) {
            if (errno == EINTR) continue;
            return;
        }
        if (ready == 0) continue;
        if (pfd.revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)) {
            ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
            if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) return;
            for (ssize_t i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    line[used] = '\0';
                    if (used > 0) run_command(mcluster, line);
                    used = 0;
                } else if (used < sizeof line - 1) {
                    line[used++] = buf[i];
                }
            }
        }
    }
}

int main(int argc, char **argv) {
    int watch_stdin = 1;
    int first_topic = 1;
    if (argc > 1 && strcmp(argv[1], "--ignore-stdin") == 0) {
        watch_stdin = 0;
        first_topic = 2;
    }

    /* No SA_RESTART: the signal must interrupt poll()/pause(). */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN); /* a vanished reader of stdout must not kill the broker mid-test */

    char errstr[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    if (rd_kafka_conf_set(conf, "log_level", "4", errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
        fprintf(stderr, "kafka-mock: %s\n", errstr);
        return 1;
    }
    /* The mock cluster lives inside a client handle; this one is never used to produce. */
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!rk) {
        fprintf(stderr, "kafka-mock: rd_kafka_new: %s\n", errstr);
        return 1;
    }
    rd_kafka_mock_cluster_t *mcluster = rd_kafka_mock_cluster_new(rk, BROKERS);
    if (!mcluster) {
        fprintf(stderr, "kafka-mock: rd_kafka_mock_cluster_new failed\n");
        rd_kafka_destroy(rk);
        return 1;
    }

    int status = 0;
    for (int i = first_topic; i < argc; i++) {
        char name[250];
        int partitions;
        if (parse_topic(argv[i], name, sizeof name, &partitions) != 0) {
            fprintf(stderr, "kafka-mock: bad topic argument '%s' (want name:partitions)\n", argv[i]);
            status = 2;
            break;
        }
        rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(mcluster, name, partitions, 1);
        if (err) {
            fprintf(stderr, "kafka-mock: creating %s: %s\n", name, rd_kafka_err2str(err));
            status = 1;
            break;
        }
    }

    if (status == 0) {
        printf("%s\n", rd_kafka_mock_cluster_bootstraps(mcluster));
        fflush(stdout);
        wait_for_stop(mcluster, watch_stdin);
    }

    rd_kafka_mock_cluster_destroy(mcluster);
    rd_kafka_destroy(rk);
    return status;
}
