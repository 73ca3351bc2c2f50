#include "app/ports.hpp"
