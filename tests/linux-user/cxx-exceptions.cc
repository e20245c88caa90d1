// C++ exceptions: thrown through several frames and caught by base
// class, rethrown, nested with std::throw_with_nested, across threads
// with std::exception_ptr, and destructors run during unwinding.
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

static int destroyed;

struct Guard {
    int id;
    ~Guard() { destroyed += id; }
};

[[noreturn]] static void deep(int n)
{
    Guard g{n};
    if (n == 0)
        throw std::out_of_range("bottom reached");
    deep(n - 1);
}

static void nested()
{
    try {
        deep(3);
    } catch (...) {
        std::throw_with_nested(std::runtime_error("outer"));
    }
}

static void print_nested(const std::exception &e, int level)
{
    std::printf("%*s%s\n", level * 2, "", e.what());
    try {
        std::rethrow_if_nested(e);
    } catch (const std::exception &inner) {
        print_nested(inner, level + 1);
    }
}

int main()
{
    try {
        deep(5);
    } catch (const std::logic_error &e) {
        std::printf("caught as logic_error: %s, destructors sum %d\n", e.what(), destroyed);
    }
    try {
        try {
            throw 42;
        } catch (int v) {
            std::printf("caught int %d, rethrowing\n", v);
            throw;
        }
    } catch (int v) {
        std::printf("caught again %d\n", v);
    }
    try {
        nested();
    } catch (const std::exception &e) {
        print_nested(e, 0);
    }

    std::vector<std::exception_ptr> errors(4);
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; i++)
        threads.emplace_back([i, &errors] {
            try {
                if (i % 2)
                    throw std::runtime_error("thread " + std::to_string(i) + " failed");
                std::vector<int> v(3);
                (void)v.at(10 + i);
            } catch (...) {
                errors[i] = std::current_exception();
            }
        });
    for (auto &t : threads)
        t.join();
    for (int i = 0; i < 4; i++) {
        try {
            std::rethrow_exception(errors[i]);
        } catch (const std::out_of_range &) {
            std::printf("thread %d: out_of_range\n", i);
        } catch (const std::exception &e) {
            std::printf("thread %d: %s\n", i, e.what());
        }
    }
    return 0;
}
