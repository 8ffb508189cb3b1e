class Product < ApplicationRecord
  # Retired before db/migrate/20240312101500 drops it: the running release must not
  # read or write legacy_price while (and after) the column goes away.
  self.ignored_columns += ["legacy_price"]

  belongs_to :category, optional: true

  scope :search_legacy, ->(query) { where("name ILIKE :q OR description ILIKE :q", q: "%#{sanitize_sql_like(query)}%") }
  scope :search_fulltext, lambda { |query|
    where("search_vector @@ plainto_tsquery('simple', ?)", query)
      .order(Arel.sql(sanitize_sql_array(["ts_rank(search_vector, plainto_tsquery('simple', ?)) DESC", query])))
  }

  def price
    Money.new(price_cents, currency)
  end
end
