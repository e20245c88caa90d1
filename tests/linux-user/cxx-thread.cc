// std::thread, std::mutex, std::condition_variable, std::async and
// std::atomic: a parallel sum, a ping-pong between two threads, futures.
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <future>
#include <mutex>
#include <numeric>
#include <thread>
#include <vector>

int main()
{
    std::vector<long> data(100000);
    std::iota(data.begin(), data.end(), 1);
    long total = 0;
    std::mutex m;
    std::vector<std::thread> ts;
    for (int t = 0; t < 4; t++)
        ts.emplace_back([&, t] {
            long s = 0;
            for (size_t i = t; i < data.size(); i += 4)
                s += data[i];
            std::lock_guard<std::mutex> g(m);
            total += s;
        });
    for (auto &t : ts)
        t.join();
    std::printf("parallel sum %ld\n", total);

    std::condition_variable cv;
    int turn = 0, exchanges = 0;
    std::thread other([&] {
        for (int i = 0; i < 1000; i++) {
            std::unique_lock<std::mutex> l(m);
            cv.wait(l, [&] { return turn == 1; });
            turn = 0;
            exchanges++;
            cv.notify_one();
        }
    });
    for (int i = 0; i < 1000; i++) {
        std::unique_lock<std::mutex> l(m);
        cv.wait(l, [&] { return turn == 0; });
        turn = 1;
        exchanges++;
        cv.notify_one();
    }
    other.join();
    std::printf("ping-pong exchanges %d\n", exchanges);

    std::vector<std::future<long>> fs;
    for (long k = 1; k <= 5; k++)
        fs.push_back(std::async(std::launch::async, [k] { return k * k * k; }));
    long cubes = 0;
    for (auto &f : fs)
        cubes += f.get();
    std::printf("sum of cubes %ld\n", cubes);

    std::atomic<int> hits{0};
    std::vector<std::thread> hs;
    for (int t = 0; t < 8; t++)
        hs.emplace_back([&] {
            for (int i = 0; i < 10000; i++)
                hits.fetch_add(1, std::memory_order_relaxed);
        });
    for (auto &t : hs)
        t.join();
    std::printf("atomic hits %d, hardware threads known %d\n", hits.load(),
                std::thread::hardware_concurrency() > 0);
    return 0;
}
