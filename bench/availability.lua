-- wrk script: public availability lookups for random demo SKUs around random US metro points.
-- usage: wrk -t2 -c64 -d30s --latency -s bench/availability.lua http://127.0.0.1:8080
local points = {
  {40.7128, -74.0060}, {34.0522, -118.2437}, {41.8781, -87.6298}, {29.7604, -95.3698}, {33.4484, -112.0740},
  {39.9526, -75.1652}, {29.4241, -98.4936}, {32.7157, -117.1611}, {32.7767, -96.7970}, {37.3382, -121.8863},
  {30.2672, -97.7431}, {47.6062, -122.3321}, {39.7392, -104.9903}, {42.3601, -71.0589}, {33.7490, -84.3880},
  {25.7617, -80.1918}, {44.9778, -93.2650}, {45.5152, -122.6784}, {36.1699, -115.1398}, {38.9072, -77.0369},
}
math.randomseed(os.time())
request = function()
  local p = points[math.random(#points)]
  local sku = string.format("SKU-%05d", math.random(5000))
  local path = string.format("/api/v1/availability?sku=%s&lat=%.4f&lon=%.4f&radiusKm=50",
    sku, p[1] + (math.random() - 0.5) * 0.2, p[2] + (math.random() - 0.5) * 0.2)
  return wrk.format("GET", path)
end
