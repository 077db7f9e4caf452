// Result: a value or an error, returned across boundaries instead of throwing.
#pragma once

#include <optional>
#include <utility>
#include <variant>

namespace flux {

template <typename T, typename E> class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(E error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T &value() const { return std::get<0>(m_data); }
    T &value() { return std::get<0>(m_data); }
    const E &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, E> m_data;
};

// Success with nothing to say, or an error: `return {};` succeeds.
template <typename E> class [[nodiscard]] Result<void, E>
{
public:
    Result() = default;
    Result(E error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const E &error() const { return *m_error; }

private:
    std::optional<E> m_error;
};

} // namespace flux
