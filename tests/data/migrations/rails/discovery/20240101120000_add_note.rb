class AddNote < ActiveRecord::Migration[7.1]
  def change
    add_column :orders, :note, :text
  end
end
