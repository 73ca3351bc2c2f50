// Astronomy needed by the lunisolar calendar: instants of true new moons and the Sun's apparent ecliptic
// longitude. Internal to motcua::calendar (lunar.cpp builds its tables from it); not part of the public API.
//
// Accuracy over 1900-2100, checked against Swiss Ephemeris (testdata/README.md): for the same Delta T, new
// moons agree within about 20 seconds and the Sun's longitude within about 1 arc-second (25 s of time); the
// Delta T forecast for future years adds up to 2 minutes by 2100. Sources, written from the published
// formulas (no code copied):
//   - Jean Meeus, Astronomical Algorithms, 2nd ed. (1998): ch. 49 (true phases of the Moon with all periodic
//     and planetary corrections), ch. 25 + appendix III (the Sun from the truncated VSOP87 series), ch. 22
//     (nutation in longitude, low-precision terms).
//   - Espenak & Meeus polynomial expressions for Delta T (TT - UT), valid 1900-2150.
// Times are Julian Days. "UT" means Universal Time, "TT" dynamical time. Pure functions, thread-safe.
#pragma once

namespace motcua::domain::calendar::astronomy {

// Delta T = TT - UT in seconds for a decimal year (e.g. 2025.5).
double delta_t_seconds(double decimal_year);

// Julian Day (UT) of true new moon number k, counted from the new moon of 2000-01-06 (k = 0).
double new_moon_ut(int k);

// The lunation number k of the last mean new moon at or before the Julian Day `jd` (an estimate within one).
int lunation_before(double jd);

// Apparent geocentric ecliptic longitude of the Sun in degrees [0, 360), at Julian Day `jd_ut` (UT).
double sun_longitude(double jd_ut);

}  // namespace motcua::domain::calendar::astronomy
