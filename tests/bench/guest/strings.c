/* String benchmark: formats a text of pseudo-random words with snprintf,
 * then scans it with strtok_r, strlen, strcmp, strchr and strstr: counts
 * distinct words through a hash table, finds the longest word and counts
 * occurrences of a pattern; parses numbers back with strtol.  Prints the
 * counts and a hash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WORDS 200000
#define ROUNDS 4
#define TABLE (1u << 16)

static const char *syll[] = {"ka", "to", "ri", "mon", "sel", "a", "que",
                             "bra", "in", "zo", "lu", "ph", "e", "dor"};
#define NSYLL (sizeof(syll) / sizeof(syll[0]))

static char *table[TABLE];

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s)
        h = (h ^ (uint8_t)*s++) * 16777619u;
    return h;
}

int main(void)
{
    size_t cap = (size_t)WORDS * 24;
    char *text = malloc(cap), *copy = malloc(cap);
    if (!text || !copy)
        return 1;
    uint32_t rng = 12345;
    size_t len = 0;
    for (int w = 0; w < WORDS; w++) {
        char word[32] = "";
        rng = rng * 1103515245u + 12345u;
        int parts = 1 + (rng >> 16) % 4;
        for (int p = 0; p < parts; p++) {
            rng = rng * 1103515245u + 12345u;
            strcat(word, syll[(rng >> 16) % NSYLL]);
        }
        if (w % 16 == 0)
            len += (size_t)snprintf(text + len, cap - len, "%s-%d ", word,
                                    w % 1000);
        else
            len += (size_t)snprintf(text + len, cap - len, "%s ", word);
    }
    unsigned distinct = 0, pattern = 0;
    size_t longest = 0;
    long numbers = 0;
    uint32_t h = 0;
    for (int r = 0; r < ROUNDS; r++) {
        memset(table, 0, sizeof(table));
        distinct = 0;
        longest = 0;
        numbers = 0;
        memcpy(copy, text, len + 1);
        char *save, *tok;
        for (tok = strtok_r(copy, " ", &save); tok;
             tok = strtok_r(NULL, " ", &save)) {
            char *dash = strchr(tok, '-');
            if (dash) {
                numbers += strtol(dash + 1, NULL, 10);
                *dash = 0;
            }
            size_t n = strlen(tok);
            if (n > longest)
                longest = n;
            uint32_t slot = hash_str(tok) & (TABLE - 1);
            while (table[slot] && strcmp(table[slot], tok) != 0)
                slot = (slot + 1) & (TABLE - 1);
            if (!table[slot]) {
                table[slot] = tok;
                distinct++;
                h = h * 33 + hash_str(tok);
            }
        }
        pattern = 0;
        for (const char *p = text; (p = strstr(p, "quebra")) != NULL; p++)
            pattern++;
    }
    printf("len %zu distinct %u longest %zu pattern %u numbers %ld hash %08x\n",
           len, distinct, longest, pattern, numbers, h);
    free(text);
    free(copy);
    return 0;
}
