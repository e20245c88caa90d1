/* Memory benchmark: pointer chasing through a linked list laid out as a
 * random single-cycle permutation of 2^20 nodes (16 MiB, beyond the cache
 * on most hosts), so each step is a dependent load that misses.  Prints the
 * sum of the values met and the final node. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NODES (1u << 20)
#define STEPS 3000000u

struct node {
    struct node *next;
    uint64_t value;
};

int main(void)
{
    struct node *nodes = malloc(NODES * sizeof(*nodes));
    uint32_t *order = malloc(NODES * sizeof(*order));
    if (!nodes || !order)
        return 1;
    uint64_t rng = 0x2545f4914f6cdd1dull;
    for (uint32_t i = 0; i < NODES; i++)
        order[i] = i;
    /* Fisher-Yates shuffle, then link the nodes in shuffled order. */
    for (uint32_t i = NODES - 1; i > 0; i--) {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        uint32_t j = (uint32_t)(rng % (i + 1));
        uint32_t t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (uint32_t i = 0; i < NODES; i++) {
        nodes[order[i]].next = &nodes[order[(i + 1) % NODES]];
        nodes[order[i]].value = (uint64_t)i * i;
    }
    struct node *p = &nodes[order[0]];
    uint64_t sum = 0;
    for (uint32_t s = 0; s < STEPS; s++) {
        sum += p->value;
        p = p->next;
    }
    printf("sum %llu node %ld\n", (unsigned long long)sum, (long)(p - nodes));
    free(nodes);
    free(order);
    return 0;
}
