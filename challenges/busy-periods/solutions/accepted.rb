Booking = Struct.new(:room, :start, :end)

Period = Struct.new(:start, :end)

# @param bookings [Array<Booking>]
# @return [Array<Period>]
def busy_periods(bookings)
  periods = []
  bookings.sort_by(&:start).each do |b|
    # A booking that starts when the last period ends continues it.
    if !periods.empty? && b.start <= periods.last.end
      periods.last.end = [periods.last.end, b.end].max
    else
      periods << Period.new(b.start, b.end)
    end
  end
  periods
end
