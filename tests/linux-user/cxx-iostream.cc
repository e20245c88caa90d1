// iostreams: formatted output, string streams, file streams written
// and read back, locale-independent number formatting, getline.
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

int main()
{
    std::cout << "int " << 42 << ", hex " << std::hex << 255 << std::dec << ", fixed "
              << std::fixed << std::setprecision(3) << 3.14159 << '\n';
    std::cout << std::setw(8) << std::left << "left" << '|' << std::setw(8) << std::right
              << "right" << "|\n";
    std::ostringstream os;
    for (int i = 0; i < 5; i++)
        os << i * i << (i < 4 ? "," : "");
    std::cout << "stringstream: " << os.str() << '\n';
    std::istringstream is("alpha 12 beta 7 gamma 30");
    std::map<std::string, int> m;
    std::string k;
    int v;
    while (is >> k >> v)
        m[k] = v;
    for (const auto &p : m)
        std::cout << p.first << '=' << p.second << ' ';
    std::cout << '\n';
    {
        std::ofstream f("cxx-iostream.txt");
        f << "line one\nline two\n" << 123 << '\n';
    }
    std::ifstream f("cxx-iostream.txt");
    std::string line;
    int n = 0;
    while (std::getline(f, line))
        std::cout << ++n << ": " << line << '\n';
    std::cerr << "to stderr\n";
    std::cout << std::scientific << 6.02214076e23 << std::endl;
    return 0;
}
