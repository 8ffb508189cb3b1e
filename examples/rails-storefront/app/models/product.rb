class Product < ApplicationRecord
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
