class ChangeOrders < Gitlab::Database::Migration[2.1]
  COLUMNS = %i[a b].freeze

  def change
    remove_columns :orders, *COLUMNS
    add_column :orders, :c, :text
  end
end
